/**
 * Chains of element-wise operations computed in one pass. `np.multiply(np.add(x, 1),
 * np.exp(np.negative(y)))` is four loops over the arrays and four new arrays when each operation
 * runs on its own; here each operation on a large enough array records what it would compute (a
 * `Pending` expression), and the first read of the result runs the whole chain as one loop with no
 * array in between. Each entry is computed by the same operations in the same order as the
 * operations one by one would (there is no fused multiply-add in JavaScript), so the results are
 * the same to the last bit.
 *
 * An expression's operands are frozen when it is made: an array's entries (which ndarray.ts then
 * copies before anything writes to them), a number, a broadcast row or column, another pending
 * expression, or a matrix product of a small inner size, which the chain computes where it reads it
 * in WebAssembly (see `Product`). The loop for each shape of expression is generated once, as JavaScript that V8
 * compiles like a hand-written loop; where code cannot be generated from strings (a page whose
 * content security policy forbids it, Node's --disallow-code-generation-from-strings), each entry
 * is computed one operation at a time, with the same results.
 */
import { exp, tanh } from "./elementary.ts";
import { FORM, letterOf, operationOf } from "./forms.ts";
import {
  applyBinary,
  applyUnary,
  type BinaryOp,
  binaryCodes,
  matmul,
  matmulTransposed,
  maximum,
  minimum,
  type Operation,
  timesLog,
  type UnaryOp,
  unaryCodes,
} from "./kernels.ts";
import { type ProductOperands, productEntries, type Settled, simdTakes, simdTanh } from "./simd.ts";
import { chainInSimd } from "./simd-chains.ts";
import { allocateReserved } from "./storage.ts";

/**
 * What an expression reads: all the entries of an array of the result's shape, one number
 * everywhere, a row repeated down the rows or a column repeated across the columns (numpy's
 * broadcasting of a (1, cols) or (rows, 1) array), another expression, or a matrix product.
 */
export type Operand = Float64Array | number | Line | Pending | Product;

/** A (1, cols) row (`row`) or a (rows, 1) column (`column`) of the result's shape, broadcast. */
export interface Line {
  readonly line: "row" | "column";
  readonly values: Float64Array;
}

/** One element-wise operation whose result has not been computed yet. */
export interface Pending {
  readonly op: Operation;
  /** Operands (`b` only for a binary op, and `c` for `where`); dropped once the result is known. */
  a: Operand | undefined;
  b: Operand | undefined;
  c: Operand | undefined;
  readonly rows: number;
  readonly cols: number;
  /** Pending expressions on the longest path down from this one, itself included. */
  readonly depth: number;
  /** Another expression reads this one inside its own loop (ndarray.ts: a second reader gets the result). */
  inlined: boolean;
  /** The entries, once computed: never written to afterwards (see ndarray.ts). */
  result: Float64Array | undefined;
}

/**
 * A matrix product not computed yet, of a result as large as an expression's (FUSE_MIN) and a
 * small inner size (PRODUCT_MAX_K), where WebAssembly SIMD computes it (simd.ts's
 * `productEntries`). The chain of element-wise operations that reads it first (W1·X + b1 inside
 * tanh, Wᵀ·dZ inside a ReLU's backward pass) computes it in WebAssembly's memory and reads it
 * there (simd-chains.ts): its entries are never written to an array of their own and read back,
 * which is most of what such a product costs, and a chain that reads it again (an expression
 * every reader inlines: Z = W·A + b) computes it again, which costs no more with k this small.
 * Any other reader, or a chain the SIMD declines, gets it as an array, computed once.
 */
export interface Product extends ProductOperands {
  /** Pending expressions below this one: none (see `Pending.depth`). */
  readonly depth: 0;
  inlined: boolean;
  /** The entries, once computed as an array: never written to afterwards (see ndarray.ts). */
  result: Float64Array | undefined;
  readonly settled: Settled;
}

/** Products with more terms in each entry than this are computed at once (see `Product`). */
export const PRODUCT_MAX_K = 8;

/** Whether a product of these sizes is made pending (see `Product`), rather than computed at once. */
export function productWaits(rows: number, k: number, cols: number, transposed: boolean): boolean {
  return (
    rows * cols >= FUSE_MIN &&
    k <= PRODUCT_MAX_K &&
    productEntries(rows, k, cols, transposed) !== undefined
  );
}

/** A pending product of `a` (rows, k) and `b` (k, cols), or (cols, k) when `transposed`, both frozen. */
export function pendingProduct(
  a: Float64Array,
  b: Float64Array,
  rows: number,
  k: number,
  cols: number,
  transposed: boolean,
  settled: Settled,
): Product {
  return { a, b, rows, k, cols, transposed, depth: 0, inlined: false, result: undefined, settled };
}

export function isProduct(x: Operand | undefined): x is Product {
  return typeof x === "object" && "transposed" in x;
}

/** The entries of `product` as an array, computed on first call (into storage `reserve`d when it was made). */
function productValues(product: Product): Float64Array {
  if (!product.result) {
    const { a, b, rows, k, cols, transposed, settled } = product;
    const out = allocateReserved(rows * cols);
    product.result = (transposed ? matmulTransposed : matmul)(a, b, rows, k, cols, settled, out);
  }
  return product.result;
}

/**
 * Arrays below this size are computed at once: the bookkeeping would cost more than the passes it
 * saves, and the small arrays of the unit tests would each need a loop of their own compiled.
 */
export const FUSE_MIN = 256;
/** Longer chains are cut: the generated loop stays small, and so does the recursion. */
export const MAX_DEPTH = 8;

/**
 * A pending `op` of `a` (and `b`, for a binary op, and `c` for `where`) with a (rows, cols)
 * result, each operand frozen (see `Operand`).
 */
export function pending(
  op: Operation,
  [rows, cols]: readonly [number, number],
  a: Operand,
  b?: Operand,
  c?: Operand,
): Pending {
  const depthOf = (x: Operand | undefined) => (isPending(x) ? x.depth : 0);
  return {
    op,
    a,
    b,
    c,
    rows,
    cols,
    depth: 1 + Math.max(depthOf(a), depthOf(b), depthOf(c)),
    inlined: false,
    result: undefined,
  };
}

/** Operations that cost a reader less to compute again than to read from an array of their own. */
const CHEAP: ReadonlySet<Operation> = new Set<Operation>([
  "add",
  "subtract",
  "multiply",
  "divide",
  "negative",
  "greater",
  "greaterEqual",
  "less",
  "lessEqual",
  "equal",
  "notEqual",
]);

/**
 * Whether any number of readers may compute `node` inside their own loops: one cheap operation on
 * operands already computed (Z = W·A + b, read by the ReLU after it and by its backward pass),
 * where a result of its own would cost a pass over memory and an array. Any other expression is
 * inlined into its first reader only, and computed once for the others.
 */
export function inlinedByEveryReader(node: Pending | Product): boolean {
  return !isProduct(node) && node.depth === 1 && CHEAP.has(node.op);
}

export function isPending(x: Operand | undefined): x is Pending {
  return typeof x === "object" && "op" in x;
}

/** The entries of `node`, computed on first call (into storage `reserve`d when it was made). */
export function evaluate(node: Pending | Product): Float64Array {
  if (isProduct(node)) return productValues(node);
  if (node.result) return node.result;
  const out = allocateReserved(node.rows * node.cols);
  if (!(node.op === "tanh" && tanhInSimd(node, out))) computeInto(node, out);
  node.result = out;
  node.a = undefined;
  node.b = undefined;
  node.c = undefined;
  return out;
}

/**
 * Writes the entries of `node` into `out`: one loop over the whole chain, its operands fixed now
 * (a tanh in the chain computed on its own first, see `collect`), WebAssembly's (simd-chains.ts)
 * where it takes the chain, else JavaScript's, which is looked up only then.
 */
function computeInto(node: Pending, out: Float64Array): void {
  const operands = operandsOf(node);
  if (!inSimd(node, operands, out)) javascriptLoop(node, operands)(out);
}

/** The chain in WebAssembly (simd-chains.ts), tanh'd after with `thenTanh`; false where it declines. */
function inSimd(node: Pending, operands: Operands, out: Float64Array, thenTanh = false): boolean {
  const { arrays, numbers, form } = operands;
  return chainInSimd(form, arrays, numbers, out, node.rows, node.cols, thenTanh);
}

/** The chain's operands and form, its operands fixed now (see `collect`). */
function operandsOf(node: Pending): Operands {
  const operands: Operands = { arrays: [], numbers: [], form: "" };
  collect(node, operands, node);
  return operands;
}

/** The chain's loop in JavaScript (generated for its form), or entry by entry where none can be. */
function javascriptLoop(node: Pending, operands: Operands): (out: Float64Array) => void {
  const { rows, cols } = node;
  // Now, not in the loop's call: a product may run a SIMD kernel, which `simdTanh`'s writer must not.
  const arrays = operands.arrays.map((x) => (x instanceof Float64Array ? x : productValues(x)));
  const loop = loopFor(operands.form);
  if (!loop)
    return (out) => {
      for (let k = 0; k < rows * cols; k++) out[k] = entry(node, k, cols);
    };
  return (out) =>
    loop(
      arrays,
      operands.numbers,
      out,
      rows,
      cols,
      exp,
      tanh,
      maximum,
      minimum,
      timesLog,
      applyUnary,
      applyBinary,
    );
}

/**
 * tanh `node` into `out` in WebAssembly SIMD (simd.ts: the same to the last bit, where a loop calls
 * elementary.ts's tanh, branching, at every entry), and true; false where it is not available. The
 * operand is written into the kernel's memory: computed there by its own loop when every reader
 * computes it anew anyway (Z1 = W1·X + b1, see `inlinedByEveryReader`), WebAssembly's where it
 * takes the chain, and a product there too (tanh(W1·X)), else computed once first.
 */
function tanhInSimd(node: Pending, out: Float64Array): boolean {
  const operand = node.a as Operand;
  const count = node.rows * node.cols;
  if (!simdTakes(count)) return false;
  if (operand instanceof Float64Array) return simdTanh(count, (into) => into.set(operand), out);
  if (isProduct(operand)) {
    // Computed where the tanh reads it: the chain of the product alone.
    const { rows, cols } = node;
    if (!operand.result && chainInSimd(FORM.array, [operand], [], out, rows, cols, true))
      return true;
  } else if (!isPending(operand)) {
    return false;
  } else if (operand.result === undefined && inlinedByEveryReader(operand)) {
    const operands = operandsOf(operand);
    return (
      inSimd(operand, operands, out, true) ||
      simdTanh(count, javascriptLoop(operand, operands), out)
    );
  }
  const values = evaluate(operand);
  return simdTanh(count, (into) => into.set(values), out);
}

/**
 * A chain's operands, in the order of a walk down it (an operation, then its first operand, then
 * its second): `a<n>` is arrays[n], `s<n>` numbers[n]; and its form, a letter for each operation
 * and operand in that order (`FORM`), which is all the loop's source depends on: chains of one
 * form share one loop, found by the form, a few letters, without writing the source again.
 */
interface Operands {
  /** Arrays, and products the chain's loop reads as arrays: WebAssembly computes them in place. */
  arrays: (Float64Array | Product)[];
  numbers: number[];
  form: string;
}

const LOG = letterOf.get("log");

type Loop = (
  arrays: Float64Array[],
  numbers: number[],
  out: Float64Array,
  rows: number,
  cols: number,
  ex: typeof exp,
  th: typeof tanh,
  mx: typeof maximum,
  mn: typeof minimum,
  ml: typeof timesLog,
  au: typeof applyUnary,
  ab: typeof applyBinary,
) => void;

/** Loops by form; cleared when full, so that code making endless forms costs memory once. */
const loops = new Map<string, Loop>();
const MAX_LOOPS = 256;
let generating = true;

/** How many loops are kept now, one for each form seen since the last clearing (for tests). */
export function loopsKept(): number {
  return loops.size;
}

function loopFor(form: string): Loop | undefined {
  const known = loops.get(form);
  if (known || !generating) return known;
  const { source, arrays, numbers, rowLines, columns } = sourceOf(form);
  // A line is read at the row (i) or column (j) of each entry: a loop over rows, then columns. A
  // column's entry is read once a row, before the row's loop (which V8 cannot do itself: `out`
  // might be the column, as far as it knows); without a row line the inner loop needs no j.
  const columnReads = columns.map((array) => `const c${array} = a${array}[i];`).join(" ");
  const inner = rowLines
    ? `for (let j = 0; j < cols; j++, k++) out[k] = ${source};`
    : `for (const end = k + cols; k < end; k++) out[k] = ${source};`;
  const body =
    rowLines || columns.length > 0
      ? `for (let i = 0, k = 0; i < rows; i++) { ${columnReads} ${inner} }`
      : `for (let k = 0, n = rows * cols; k < n; k++) out[k] = ${source};`;
  let loop: Loop;
  try {
    // Only this module's fixed templates and numbered operands make up `source`: nothing a caller wrote.
    loop = new Function(
      "arrays",
      "numbers",
      "out",
      "rows",
      "cols",
      "ex",
      "th",
      "mx",
      "mn",
      "ml",
      "au",
      "ab",
      `"use strict"; ${preamble(arrays, numbers)} ${body}`,
    ) as Loop;
  } catch {
    generating = false;
    return undefined;
  }
  if (loops.size >= MAX_LOOPS) loops.clear();
  loops.set(form, loop);
  return loop;
}

/** The operands as constants of the loop, so that V8 reads each once, not once per entry. */
function preamble(arrayCount: number, numberCount: number): string {
  const names = (letter: string, list: string, count: number) =>
    Array.from({ length: count }, (_, i) => `const ${letter}${i} = ${list}[${i}];`).join(" ");
  return `${names("a", "arrays", arrayCount)} ${names("s", "numbers", numberCount)}`;
}

/**
 * Appends `x`'s operands to `operands` and its letters to their form, walking down the chain (see
 * `Operands`). An expression already computed is an array; so is a tanh inside the chain that the
 * SIMD takes, which is computed now, on its own (`tanhInSimd`); one it declines stays in the
 * chain's loop. `root` is the chain being computed, a tanh only where the SIMD declined it.
 */
function collect(x: Operand, operands: Operands, root?: Pending): void {
  if (typeof x === "number") {
    operands.numbers.push(x);
    operands.form += FORM.number;
  } else if (x instanceof Float64Array) {
    operands.arrays.push(x);
    operands.form += FORM.array;
  } else if ("line" in x) {
    // (Asked this way, not as !isPending(x): about twice as fast a walk, measured.)
    operands.arrays.push(x.values);
    operands.form += x.line === "row" ? FORM.row : FORM.column;
  } else if (x.result) {
    operands.arrays.push(x.result);
    operands.form += FORM.array;
  } else if (isProduct(x)) {
    operands.arrays.push(x);
    operands.form += FORM.array;
  } else if (x.op === "tanh" && x !== root && simdTakes(x.rows * x.cols)) {
    operands.arrays.push(evaluate(x));
    operands.form += FORM.array;
  } else {
    operands.form += letterOf.get(x.op);
    collect(x.a as Operand, operands);
    if (x.b !== undefined) collect(x.b as Operand, operands);
    if (x.c !== undefined) collect(x.c as Operand, operands);
  }
}

/**
 * The source of one entry of a chain of `form` (see `Operands`), at flat index k, row i and
 * column j; how many arrays and numbers it reads, whether it reads a row (at j), and which arrays
 * are columns (`c<n>` is `a<n>[i]`, read once a row).
 */
function sourceOf(form: string): {
  source: string;
  arrays: number;
  numbers: number;
  rowLines: boolean;
  columns: number[];
} {
  const read = { at: 0, arrays: 0, numbers: 0, rowLines: false, columns: [] as number[] };
  const next = (): string => {
    const letter = form[read.at++];
    switch (letter) {
      case FORM.number:
        return `s${read.numbers++}`;
      case FORM.array:
        return `a${read.arrays++}[k]`;
      case FORM.row:
        read.rowLines = true;
        return `a${read.arrays++}[j]`;
      case FORM.column:
        read.columns.push(read.arrays);
        return `c${read.arrays++}`;
    }
    const { op, arity } = operationOf(letter as string) as { op: Operation; arity: 1 | 2 | 3 };
    // numpy's where: x where the condition is not 0 (NaN is not), else y.
    if (arity === 3) return `(${next()} !== 0 ? ${next()} : ${next()})`;
    // A product with a log as either factor (the same product either way round): `timesLog`,
    // given the log's argument, read here in the log's place.
    const logArgument = (): string => {
      if (op !== "multiply" || form[read.at] !== LOG) return "";
      read.at++;
      return next();
    };
    const first = logArgument();
    if (first) return `ml(${first}, ${next()})`;
    const a = next();
    if (arity === 1) return unarySource(op as UnaryOp, a);
    const second = logArgument();
    return second ? `ml(${second}, ${a})` : binarySource(op as BinaryOp, a, next());
  };
  const source = next();
  const { arrays, numbers, rowLines, columns } = read;
  return { source, arrays, numbers, rowLines, columns };
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
    case "maximum":
      return `mx(${a}, ${b})`;
    case "minimum":
      return `mn(${a}, ${b})`;
    case "greater":
      return `+(${a} > ${b})`;
    case "greaterEqual":
      return `+(${a} >= ${b})`;
    case "less":
      return `+(${a} < ${b})`;
    case "lessEqual":
      return `+(${a} <= ${b})`;
    case "equal":
      return `+(${a} === ${b})`;
    case "notEqual":
      return `+(${a} !== ${b})`;
    default:
      return `ab(${binaryCodes[op]}, ${a}, ${b})`;
  }
}

/** Entry `k` of `x` (of `cols` columns), one operation at a time: where no loop can be generated. */
function entry(x: Operand, k: number, cols: number): number {
  if (typeof x === "number") return x;
  if (x instanceof Float64Array) return x[k] as number;
  if (isProduct(x)) return productValues(x)[k] as number;
  if (!isPending(x)) {
    const row = Math.floor(k / cols);
    return x.values[x.line === "row" ? k - row * cols : row] as number;
  }
  if (x.result) return x.result[k] as number;
  const a = entry(x.a as Operand, k, cols);
  if (x.op === "where") return entry((a !== 0 ? x.b : x.c) as Operand, k, cols);
  if (x.b === undefined) return applyUnary(unaryCodes[x.op as UnaryOp], a);
  return applyBinary(binaryCodes[x.op as BinaryOp], a, entry(x.b as Operand, k, cols));
}

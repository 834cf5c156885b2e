/**
 * The loops behind every array operation: plain row-major Float64Array in, a new Float64Array out.
 * Nothing here allocates per element or writes to its inputs; every kernel writes every entry of
 * its output, which starts uninitialised (see storage.ts). Shapes are already checked by the
 * caller (ndarray.ts), so these functions trust them. Entries are read as `x[i] as number`, not
 * through a small helper: V8 checks a module-level function's binding again on every iteration of
 * a loop that calls it, and the training step ran 11% slower that way (measured, bench/run.ts).
 */
import { exp as elementaryExp, tanh as elementaryTanh } from "./elementary.ts";
import type { Shape } from "./shape.ts";
import { type Settled, simdKeptTimesVector, simdProduct, simdRowTimesKept } from "./simd.ts";
import { allocate } from "./storage.ts";

// This module's own constants: V8 builds them into the loops that call them, where an imported
// binding is looked up and checked again on every iteration.
const exp = elementaryExp;
const tanh = elementaryTanh;

/**
 * The element-wise operations, by numpy name. Kernels take an op's code and switch on it per
 * entry: V8 inlines the small switch into each loop, which runs several times faster than calling
 * a different callback per op from one shared loop (a megamorphic call per entry).
 */
export const binaryCodes = {
  add: 0,
  subtract: 1,
  multiply: 2,
  divide: 3,
  power: 4,
  maximum: 5,
  minimum: 6,
  greater: 7,
  greaterEqual: 8,
  less: 9,
  lessEqual: 10,
  equal: 11,
  notEqual: 12,
} as const;
export type BinaryOp = keyof typeof binaryCodes;
type BinaryCode = (typeof binaryCodes)[BinaryOp];

export function applyBinary(code: BinaryCode, x: number, y: number): number {
  switch (code) {
    case 0:
      return x + y;
    case 1:
      return x - y;
    case 2:
      return x * y;
    case 3:
      return x / y;
    case 4: // C's pow, as numpy: 1 ** NaN and (-1) ** ±Infinity are 1, where JS's ** gives NaN
      if (y === 2) return x * x;
      return x === 1 || (x === -1 && Math.abs(y) === Number.POSITIVE_INFINITY) ? 1 : x ** y;
    case 5:
      return maximum(x, y);
    case 6:
      return minimum(x, y);
    case 7:
      return +(x > y);
    case 8:
      return +(x >= y);
    case 9:
      return +(x < y);
    case 10:
      return +(x <= y);
    case 11:
      return +(x === y);
    default:
      return +(x !== y);
  }
}

/**
 * numpy's maximum: NaN wins (x's, when both are), and of equal values the second, so of two zeros
 * y's sign (numpy 2.4: maximum(-0.0, 0.0) is 0.0, maximum(0.0, -0.0) is -0.0): numpy's own rule,
 * so the result is numpy's to the bit, one comparison an entry. That comparison branches on the
 * entry's sign, which a training's ReLUs repeat from one iteration to the next closely enough for
 * the branch predictor: a ReLU with no such branch, (x + |x|)/2, made the deep training 5% slower.
 */
export function maximum(x: number, y: number): number {
  return x > y || Number.isNaN(x) ? x : y;
}

/** numpy's minimum, as `maximum` is numpy's maximum. */
export function minimum(x: number, y: number): number {
  return x < y || Number.isNaN(x) ? x : y;
}

/**
 * y · log(x), as the two operations give it, without the log where y is zero and log(x) finite (x
 * positive and not infinite): the product is then a zero, of y's sign, flipped where log(x) is
 * negative (x < 1). Cross-entropy's Y·log(A) + (1 − Y)·log(1 − A) has a zero factor in one of
 * its two terms at every entry of 0/1 labels: half its logs, which are a tenth of a planar
 * training step.
 */
export function timesLog(x: number, y: number): number {
  if (y === 0 && x > 0 && x < Number.POSITIVE_INFINITY) return x < 1 ? -y : y;
  return y * Math.log(x);
}

export const unaryCodes = {
  exp: 0,
  log: 1,
  tanh: 2,
  negative: 3,
  abs: 4,
  sqrt: 5,
  square: 6,
  sin: 7,
  cos: 8,
  sign: 9,
  round: 10,
  isnan: 11,
} as const;
export type UnaryOp = keyof typeof unaryCodes;
type UnaryCode = (typeof unaryCodes)[UnaryOp];
/** numpy's `where(cond, x, y)`, the one operation of three operands: `select` below. */
export type TernaryOp = "where";
/** Every element-wise operation. */
export type Operation = UnaryOp | BinaryOp | TernaryOp;

export function applyUnary(code: UnaryCode, x: number): number {
  switch (code) {
    case 0:
      return exp(x);
    case 1:
      return Math.log(x);
    case 2:
      return tanh(x);
    case 3:
      return -x;
    case 4:
      return Math.abs(x);
    case 5:
      return Math.sqrt(x);
    case 6:
      return x * x;
    case 7:
      return Math.sin(x);
    case 8:
      return Math.cos(x);
    case 9:
      return x > 0 ? 1 : x < 0 ? -1 : x;
    case 10:
      return roundHalfEven(x);
    default:
      return Number.isNaN(x) ? 1 : 0;
  }
}

/** numpy's `np.round`: halves go to the even neighbour (0.5 -> 0, 1.5 -> 2, -2.5 -> -2). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Element-wise `op(a)`. The ops of a training step (exp, log, tanh, negative) get loops of their
 * own, into which V8 inlines the one function per entry (exp and tanh: elementary.ts); the others
 * go through applyUnary, a call and a switch per entry.
 */
export function map(a: Float64Array, op: UnaryOp): Float64Array {
  const n = a.length;
  const out = allocate(n);
  switch (op) {
    case "exp":
      for (let i = 0; i < n; i++) out[i] = exp(a[i] as number);
      return out;
    case "log":
      for (let i = 0; i < n; i++) out[i] = Math.log(a[i] as number);
      return out;
    case "tanh":
      for (let i = 0; i < n; i++) out[i] = tanh(a[i] as number);
      return out;
    case "negative":
      for (let i = 0; i < n; i++) out[i] = -(a[i] as number);
      return out;
    default: {
      const code = unaryCodes[op];
      for (let i = 0; i < n; i++) out[i] = applyUnary(code, a[i] as number);
      return out;
    }
  }
}

/**
 * Element-wise `op(a, b)` with numpy broadcasting to `shape`. Each operand is, along each line of
 * the output, either a run of entries or one value repeated (a scalar, a column vector's entry for
 * its row): the whole array is one line when neither operand is a row or column vector, else there
 * is one line per row.
 */
export function zip(
  a: Float64Array,
  aShape: Shape,
  b: Float64Array,
  bShape: Shape,
  shape: Shape,
  op: BinaryOp,
): Float64Array {
  const code = binaryCodes[op];
  const [rows, cols] = shape;
  const n = rows * cols;
  const out = allocate(n);
  if ((a.length === n || a.length === 1) && (b.length === n || b.length === 1)) {
    zipLine(code, a, 0, a.length === 1, b, 0, b.length === 1, out, 0, n);
    return out;
  }
  const aRow = aShape[0] === 1 ? 0 : aShape[1];
  const aOne = aShape[1] === 1;
  const bRow = bShape[0] === 1 ? 0 : bShape[1];
  const bOne = bShape[1] === 1;
  for (let i = 0; i < rows; i++) {
    zipLine(code, a, i * aRow, aOne, b, i * bRow, bOne, out, i * cols, cols);
  }
  return out;
}

/**
 * One line of `zip`: entries `ia…` of a (or `a[ia]` throughout, when `aOne`) with entries `ib…` of
 * b (likewise), into `out[start…start + n)`.
 */
function zipLine(
  code: BinaryCode,
  a: Float64Array,
  ia: number,
  aOne: boolean,
  b: Float64Array,
  ib: number,
  bOne: boolean,
  out: Float64Array,
  start: number,
  n: number,
): void {
  if (bOne) {
    if (aOne) out.fill(applyBinary(code, a[ia] as number, b[ib] as number), start, start + n);
    else runWithValue(code, a, ia, b[ib] as number, out, start, n);
  } else if (aOne) valueWithRun(code, a[ia] as number, b, ib, out, start, n);
  else runs(code, a, ia, b, ib, out, start, n);
}

// The arithmetic operators (and squaring) get loops of their own: with the op known inside the
// loop and contiguous indices, V8 compiles each to a few instructions per entry. The other ops go
// through applyBinary, one call site per shape, so that V8 inlines it.

/** `a[ia + k] op b[ib + k]`. */
function runs(
  code: BinaryCode,
  a: Float64Array,
  ia: number,
  b: Float64Array,
  ib: number,
  out: Float64Array,
  start: number,
  n: number,
): void {
  switch (code) {
    case binaryCodes.add:
      for (let k = 0; k < n; k++) out[start + k] = (a[ia + k] as number) + (b[ib + k] as number);
      return;
    case binaryCodes.subtract:
      for (let k = 0; k < n; k++) out[start + k] = (a[ia + k] as number) - (b[ib + k] as number);
      return;
    case binaryCodes.multiply:
      for (let k = 0; k < n; k++) out[start + k] = (a[ia + k] as number) * (b[ib + k] as number);
      return;
    case binaryCodes.divide:
      for (let k = 0; k < n; k++) out[start + k] = (a[ia + k] as number) / (b[ib + k] as number);
      return;
    default:
      for (let k = 0; k < n; k++)
        out[start + k] = applyBinary(code, a[ia + k] as number, b[ib + k] as number);
  }
}

/** `a[ia + k] op y`. */
function runWithValue(
  code: BinaryCode,
  a: Float64Array,
  ia: number,
  y: number,
  out: Float64Array,
  start: number,
  n: number,
): void {
  switch (code) {
    case binaryCodes.add:
      for (let k = 0; k < n; k++) out[start + k] = (a[ia + k] as number) + y;
      return;
    case binaryCodes.subtract:
      for (let k = 0; k < n; k++) out[start + k] = (a[ia + k] as number) - y;
      return;
    case binaryCodes.multiply:
      for (let k = 0; k < n; k++) out[start + k] = (a[ia + k] as number) * y;
      return;
    case binaryCodes.divide:
      for (let k = 0; k < n; k++) out[start + k] = (a[ia + k] as number) / y;
      return;
    case binaryCodes.power:
      if (y === 2) {
        for (let k = 0; k < n; k++) out[start + k] = (a[ia + k] as number) * (a[ia + k] as number);
        return;
      }
      for (let k = 0; k < n; k++) out[start + k] = applyBinary(code, a[ia + k] as number, y);
      return;
    // ReLU, np.maximum(Z, 0), and its derivative's np.greater(Z, 0), as applyBinary computes them.
    case binaryCodes.maximum:
      for (let k = 0; k < n; k++) out[start + k] = maximum(a[ia + k] as number, y);
      return;
    case binaryCodes.greater:
      for (let k = 0; k < n; k++) out[start + k] = +((a[ia + k] as number) > y);
      return;
    default:
      for (let k = 0; k < n; k++) out[start + k] = applyBinary(code, a[ia + k] as number, y);
  }
}

/** `x op b[ib + k]`. */
function valueWithRun(
  code: BinaryCode,
  x: number,
  b: Float64Array,
  ib: number,
  out: Float64Array,
  start: number,
  n: number,
): void {
  switch (code) {
    case binaryCodes.add:
      for (let k = 0; k < n; k++) out[start + k] = x + (b[ib + k] as number);
      return;
    case binaryCodes.subtract:
      for (let k = 0; k < n; k++) out[start + k] = x - (b[ib + k] as number);
      return;
    case binaryCodes.multiply:
      for (let k = 0; k < n; k++) out[start + k] = x * (b[ib + k] as number);
      return;
    case binaryCodes.divide:
      for (let k = 0; k < n; k++) out[start + k] = x / (b[ib + k] as number);
      return;
    // ReLU written np.maximum(0, Z), as applyBinary computes it.
    case binaryCodes.maximum:
      for (let k = 0; k < n; k++) out[start + k] = maximum(x, b[ib + k] as number);
      return;
    default:
      for (let k = 0; k < n; k++) out[start + k] = applyBinary(code, x, b[ib + k] as number);
  }
}

/** Picks `x` where `cond` is non-zero (NaN counts as true, as numpy's bool(nan)), else `y`. */
export function select(
  cond: Float64Array,
  cShape: Shape,
  x: Float64Array,
  xShape: Shape,
  y: Float64Array,
  yShape: Shape,
  shape: Shape,
): Float64Array {
  const [rows, cols] = shape;
  const out = allocate(rows * cols);
  const stride = (s: Shape) => [s[0] === 1 ? 0 : s[1], s[1] === 1 ? 0 : 1] as const;
  const [cr, cc] = stride(cShape);
  const [xr, xc] = stride(xShape);
  const [yr, yc] = stride(yShape);
  let k = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      out[k++] =
        (cond[i * cr + j * cc] as number) !== 0
          ? (x[i * xr + j * xc] as number)
          : (y[i * yr + j * yc] as number);
    }
  }
  return out;
}

/**
 * Fewer products than this are computed here even where WebAssembly SIMD is at hand (simd.ts):
 * copying the operands in and out costs more than it saves, up to about a (3,5)·(5,3) product.
 */
const SIMD_MIN_PRODUCTS = 64;

/** What a product is told when it is not told which values are settled: none are. */
const NONE_SETTLED: Settled = () => false;

/**
 * Matrix product of an (n,k) and a (k,m) array. Each entry is a sum kept in a local while p runs,
 * and each pass of p computes a block of them: two rows by four columns (each read of B serves two
 * rows, each read of A four columns), then what is left of the columns two rows at a time, and a
 * last odd row eight columns at a time. Eight sums side by side fit x64's sixteen registers; the
 * row-by-row order this replaced (each row of the result read and written once per four p's) ran
 * 1.3 to 1.9 times slower at every shape measured, from (1,4)·(4,400) to (256,256)·(256,256).
 *
 * Every entry is the sum 0 + a[i,0]·b[0,j] + a[i,1]·b[1,j] + … taken in the order of p, whatever
 * the block: the same result to the last bit as the textbook triple loop. So is every product
 * WebAssembly SIMD makes (simd.ts), which takes all it can: these loops compute the rest.
 * `settled` says whether an operand's values are never written again: a large one may then stay
 * in WebAssembly's memory from one product to the next (simd.ts).
 */
export function matmul(
  a: Float64Array,
  b: Float64Array,
  n: number,
  k: number,
  m: number,
  settled: Settled = NONE_SETTLED,
  out: Float64Array = allocate(n * m),
): Float64Array {
  if (m === 1) return matrixVector(a, b, n, k, out, settled);
  if (n === 1 && simdRowTimesKept(a, b, k, m, out, settled)) return out;
  if (n * k * m >= SIMD_MIN_PRODUCTS && simdProduct(a, b, n, k, m, false, out)) return out;
  const wide = m - (m % 4);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const rowA = i * k;
    const rowB = rowA + k;
    const out0 = i * m;
    const out1 = out0 + m;
    for (let j = 0; j < wide; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let p = 0, q = j; p < k; p++, q += m) {
        const x = a[rowA + p] as number;
        const y = a[rowB + p] as number;
        const b0 = b[q] as number;
        const b1 = b[q + 1] as number;
        const b2 = b[q + 2] as number;
        const b3 = b[q + 3] as number;
        s0 += x * b0;
        s1 += x * b1;
        s2 += x * b2;
        s3 += x * b3;
        t0 += y * b0;
        t1 += y * b1;
        t2 += y * b2;
        t3 += y * b3;
      }
      out[out0 + j] = s0;
      out[out0 + j + 1] = s1;
      out[out0 + j + 2] = s2;
      out[out0 + j + 3] = s3;
      out[out1 + j] = t0;
      out[out1 + j + 1] = t1;
      out[out1 + j + 2] = t2;
      out[out1 + j + 3] = t3;
    }
    for (let j = wide; j < m; j++) {
      let s = 0;
      let t = 0;
      for (let p = 0, q = j; p < k; p++, q += m) {
        const z = b[q] as number;
        s += (a[rowA + p] as number) * z;
        t += (a[rowB + p] as number) * z;
      }
      out[out0 + j] = s;
      out[out1 + j] = t;
    }
  }
  if (i < n) {
    const rowA = i * k;
    const out0 = i * m;
    const wide8 = m - (m % 8);
    for (let j = 0; j < wide8; j += 8) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      let s5 = 0;
      let s6 = 0;
      let s7 = 0;
      for (let p = 0, q = j; p < k; p++, q += m) {
        const x = a[rowA + p] as number;
        s0 += x * (b[q] as number);
        s1 += x * (b[q + 1] as number);
        s2 += x * (b[q + 2] as number);
        s3 += x * (b[q + 3] as number);
        s4 += x * (b[q + 4] as number);
        s5 += x * (b[q + 5] as number);
        s6 += x * (b[q + 6] as number);
        s7 += x * (b[q + 7] as number);
      }
      out[out0 + j] = s0;
      out[out0 + j + 1] = s1;
      out[out0 + j + 2] = s2;
      out[out0 + j + 3] = s3;
      out[out0 + j + 4] = s4;
      out[out0 + j + 5] = s5;
      out[out0 + j + 6] = s6;
      out[out0 + j + 7] = s7;
    }
    for (let j = wide8; j < m; j++) {
      let s = 0;
      for (let p = 0, q = j; p < k; p++, q += m) s += (a[rowA + p] as number) * (b[q] as number);
      out[out0 + j] = s;
    }
  }
  return out;
}

/**
 * A·v for an (n,k) A and a (k,1) v (or A·vᵀ for a (1,k) v: the same entries in memory), into
 * `out`: four rows of A at a time, so that four sums run side by side (one alone waits on its
 * previous addition at every step), each in p's order. A large A whose values are `settled` may
 * stay in WebAssembly's memory instead (simd.ts), with the same sums.
 */
function matrixVector(
  a: Float64Array,
  v: Float64Array,
  n: number,
  k: number,
  out: Float64Array,
  settled: Settled,
) {
  if (simdKeptTimesVector(a, v, n, k, out, settled)) return out;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const row0 = i * k;
    const row1 = row0 + k;
    const row2 = row1 + k;
    const row3 = row2 + k;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let p = 0; p < k; p++) {
      const x = v[p] as number;
      s0 += (a[row0 + p] as number) * x;
      s1 += (a[row1 + p] as number) * x;
      s2 += (a[row2 + p] as number) * x;
      s3 += (a[row3 + p] as number) * x;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < n; i++) {
    const row = i * k;
    let s = 0;
    for (let p = 0; p < k; p++) s += (a[row + p] as number) * (v[p] as number);
    out[i] = s;
  }
  return out;
}

/**
 * Matrix product of an (n,k) array and the transpose of an (m,k) one: each entry a dot product of
 * two rows, both read in order, summed in the order `matmul` sums (the same result to the last
 * bit). As in `matmul`, each pass of p computes a block of sums: two rows of A by four of B, then
 * the rest of B's rows two and one at a time, and a last odd row of A four rows of B at a time.
 * The two kernels differ only in how they step through B; one kernel taking B's strides as
 * arguments ran 3 to 13% slower on A·B (V8 no longer knows a column's step is 1), so each has
 * its own loops. `settled` as in `matmul`.
 */
export function matmulTransposed(
  a: Float64Array,
  b: Float64Array,
  n: number,
  k: number,
  m: number,
  settled: Settled = NONE_SETTLED,
  out: Float64Array = allocate(n * m),
): Float64Array {
  if (m === 1) return matrixVector(a, b, n, k, out, settled);
  // A row times Bᵀ is B times that row as a vector: the same products, summed in the same order.
  if (n === 1 && simdKeptTimesVector(b, a, m, k, out, settled)) return out;
  if (n * k * m >= SIMD_MIN_PRODUCTS && simdProduct(a, b, n, k, m, true, out)) return out;
  const wide = m - (m % 4);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const rowA = i * k;
    const rowA1 = rowA + k;
    const out0 = i * m;
    const out1 = out0 + m;
    for (let j = 0; j < wide; j += 4) {
      const rowB = j * k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let p = 0; p < k; p++) {
        const x = a[rowA + p] as number;
        const y = a[rowA1 + p] as number;
        const b0 = b[rowB + p] as number;
        const b1 = b[rowB + k + p] as number;
        const b2 = b[rowB + 2 * k + p] as number;
        const b3 = b[rowB + 3 * k + p] as number;
        s0 += x * b0;
        s1 += x * b1;
        s2 += x * b2;
        s3 += x * b3;
        t0 += y * b0;
        t1 += y * b1;
        t2 += y * b2;
        t3 += y * b3;
      }
      out[out0 + j] = s0;
      out[out0 + j + 1] = s1;
      out[out0 + j + 2] = s2;
      out[out0 + j + 3] = s3;
      out[out1 + j] = t0;
      out[out1 + j + 1] = t1;
      out[out1 + j + 2] = t2;
      out[out1 + j + 3] = t3;
    }
    let j = wide;
    for (; j + 1 < m; j += 2) {
      const rowB = j * k;
      const rowB1 = rowB + k;
      let s0 = 0;
      let s1 = 0;
      let t0 = 0;
      let t1 = 0;
      for (let p = 0; p < k; p++) {
        const x = a[rowA + p] as number;
        const y = a[rowA1 + p] as number;
        const b0 = b[rowB + p] as number;
        const b1 = b[rowB1 + p] as number;
        s0 += x * b0;
        s1 += x * b1;
        t0 += y * b0;
        t1 += y * b1;
      }
      out[out0 + j] = s0;
      out[out0 + j + 1] = s1;
      out[out1 + j] = t0;
      out[out1 + j + 1] = t1;
    }
    if (j < m) {
      const rowB = j * k;
      let s = 0;
      let t = 0;
      for (let p = 0; p < k; p++) {
        const z = b[rowB + p] as number;
        s += (a[rowA + p] as number) * z;
        t += (a[rowA1 + p] as number) * z;
      }
      out[out0 + j] = s;
      out[out1 + j] = t;
    }
  }
  if (i < n) {
    const rowA = i * k;
    const out0 = i * m;
    for (let j = 0; j < wide; j += 4) {
      const rowB = j * k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p++) {
        const x = a[rowA + p] as number;
        s0 += x * (b[rowB + p] as number);
        s1 += x * (b[rowB + k + p] as number);
        s2 += x * (b[rowB + 2 * k + p] as number);
        s3 += x * (b[rowB + 3 * k + p] as number);
      }
      out[out0 + j] = s0;
      out[out0 + j + 1] = s1;
      out[out0 + j + 2] = s2;
      out[out0 + j + 3] = s3;
    }
    for (let j = wide; j < m; j++) {
      const rowB = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += (a[rowA + p] as number) * (b[rowB + p] as number);
      out[out0 + j] = s;
    }
  }
  return out;
}

export function transpose(
  a: Float64Array,
  shape: Shape,
  out: Float64Array = allocate(a.length),
): Float64Array {
  const [rows, cols] = shape;
  // A row's or a column's transpose has its entries in the same order.
  if (rows === 1 || cols === 1) {
    out.set(a.subarray(0, rows * cols));
    return out;
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j] as number;
  }
  return out;
}

/** The length numpy's pairwise summation splits a run down to (its PW_BLOCKSIZE). */
const PAIRWISE_BLOCK = 128;

/**
 * numpy's sum of `n` entries from `start` (its pairwise_sum, numpy/_core/src/umath/
 * loops_utils.h.src): under 8 in order; up to 128 in eight sums side by side, combined in pairs,
 * then the rest in order; beyond, the sums of two halves (the first a multiple of 8 long).
 */
function pairwiseSum(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let total = -0;
    for (let i = 0; i < n; i++) total += a[start + i] as number;
    return total;
  }
  if (n <= PAIRWISE_BLOCK) {
    let r0 = a[start] as number;
    let r1 = a[start + 1] as number;
    let r2 = a[start + 2] as number;
    let r3 = a[start + 3] as number;
    let r4 = a[start + 4] as number;
    let r5 = a[start + 5] as number;
    let r6 = a[start + 6] as number;
    let r7 = a[start + 7] as number;
    const end = start + n - (n % 8);
    let i = start + 8;
    for (; i < end; i += 8) {
      r0 += a[i] as number;
      r1 += a[i + 1] as number;
      r2 += a[i + 2] as number;
      r3 += a[i + 3] as number;
      r4 += a[i + 4] as number;
      r5 += a[i + 5] as number;
      r6 += a[i + 6] as number;
      r7 += a[i + 7] as number;
    }
    // ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), as numpy pairs them (the formatter drops
    // the parentheses that addition's left-to-right order makes redundant).
    let total = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < start + n; i++) total += a[i] as number;
    return total;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, start, half) + pairwiseSum(a, start + half, n - half);
}

/**
 * Sums as numpy 2 sums a C-ordered float64 array (test/fixtures/sums.json has its results to
 * the bit): along a row, or over every entry, pairwise from 0 (`pairwiseSum`); down the columns
 * (axis 0), row after row from 0.
 */
export function sum(a: Float64Array, shape: Shape, axis: 0 | 1 | null): Float64Array {
  const [rows, cols] = shape;
  if (axis === null) return allocate(1).fill(0 + pairwiseSum(a, 0, a.length));
  if (axis === 1) {
    const out = allocate(rows);
    for (let i = 0; i < rows; i++) out[i] = 0 + pairwiseSum(a, i * cols, cols);
    return out;
  }
  const out = allocate(cols).fill(0);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let j = 0; j < cols; j++) out[j] = (out[j] as number) + (a[row + j] as number);
  }
  return out;
}

/**
 * Folds along an axis: axis 0 gives one value per column, axis 1 one per row, axis null one value.
 * `step(acc, x, index)` returns the new accumulator; `index` is the position along the axis (what
 * argmax needs). NaN handling is the step's business.
 */
export function reduce(
  a: Float64Array,
  shape: Shape,
  axis: 0 | 1 | null,
  init: number,
  step: (acc: number, x: number) => number,
): Float64Array {
  const [rows, cols] = shape;
  if (axis === null) {
    let acc = init;
    for (let i = 0; i < a.length; i++) acc = step(acc, a[i] as number);
    return allocate(1).fill(acc);
  }
  if (axis === 0) {
    const out = allocate(cols).fill(init);
    for (let i = 0; i < rows; i++) {
      const row = i * cols;
      for (let j = 0; j < cols; j++) out[j] = step(out[j] as number, a[row + j] as number);
    }
    return out;
  }
  const out = allocate(rows);
  for (let i = 0; i < rows; i++) {
    let acc = init;
    const row = i * cols;
    for (let j = 0; j < cols; j++) acc = step(acc, a[row + j] as number);
    out[i] = acc;
  }
  return out;
}

/** Index of the largest value along an axis (first one on ties; the first NaN wins, as numpy). */
export function argmax(a: Float64Array, shape: Shape, axis: 0 | 1 | null): Float64Array {
  const [rows, cols] = shape;
  const lines = axis === null ? 1 : axis === 0 ? cols : rows;
  const length = axis === null ? a.length : axis === 0 ? rows : cols;
  const at = (line: number, t: number) =>
    axis === null ? t : axis === 0 ? t * cols + line : line * cols + t;
  const out = allocate(lines);
  for (let line = 0; line < lines; line++) {
    let best = 0;
    let bestValue = a[at(line, 0)] as number;
    for (let t = 1; t < length && !Number.isNaN(bestValue); t++) {
      const v = a[at(line, t)] as number;
      if (v > bestValue || Number.isNaN(v)) {
        best = t;
        bestValue = v;
      }
    }
    out[line] = best;
  }
  return out;
}
